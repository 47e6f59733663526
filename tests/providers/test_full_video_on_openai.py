"""The Full Video workflow on the real OpenAI SDK, against the local stand-in server: the
requests carry the configured models and prompts, a provider error reaches the person in the
product's words, and a well-formed conversation completes the video."""

from __future__ import annotations

import json
import uuid

from src.resources import LOCAL_VIEWER, Resources
from src.state.model import Decision, RunStatus
from tests.providers.openai_standin import (
    CHAT,
    IMAGES,
    SPEECH,
    OpenAIStandIn,
    chat_reply,
    error_reply,
)
from tests.test_workflow_failures import finished, wait_for, waiting

PROMPT = "A 30 second lecture on tides, segments of 10 seconds"
DELTA = {"prompt": "tides", "duration_seconds": 30, "segment_length_seconds": 10}


async def start_and_confirm(resources: Resources) -> uuid.UUID:
    lecture = await resources.service.create_lecture(LOCAL_VIEWER, title="Tides", prompt="")
    run = await resources.service.start(
        LOCAL_VIEWER, lecture_id=lecture.id, kind_key="full_video", raw_input={"prompt": PROMPT}
    )
    await wait_for(resources, run.id, waiting)
    await resources.service.decide(
        LOCAL_VIEWER, run_id=run.id, request_id="review-configuration", decision=Decision.ACCEPT
    )
    return run.id


async def test_a_provider_error_on_the_script_fails_the_run_at_step_two_in_its_own_words(
    on_openai: Resources, standin: OpenAIStandIn
) -> None:
    provider_message = "This model's maximum context length is 8192 tokens."
    standin.script(CHAT, chat_reply(json.dumps(DELTA)), error_reply(400, provider_message))
    run_id = await start_and_confirm(on_openai)
    state = await wait_for(on_openai, run_id, finished)

    assert state.status is RunStatus.FAILED
    assert (state.current_step, state.total_steps) == (2, 6)
    assert [m.text for m in state.steps[1].messages] == [
        "Starting to create the script",
        f"Error creating script: {provider_message}",
    ]
    parse, script = standin.bodies(CHAT)
    assert parse["model"] == script["model"] == "gpt-4o-mini"
    assert parse["response_format"]["json_schema"]["name"] == "ConfigDelta"
    assert script["response_format"]["json_schema"]["name"] == "Script"
    asked = script["messages"][-1]["content"]
    assert "Total length: 30 seconds, in exactly 3 segments" in asked
    assert "tides" in asked


async def test_a_well_formed_conversation_completes_the_video_with_openai_media(
    on_openai: Resources, standin: OpenAIStandIn
) -> None:
    script = {
        "title": "Tides",
        "segments": [
            {"narration": f"Part {n} about tides.", "visual": f"sea {n}"} for n in range(1, 4)
        ],
    }
    prompts = {"segments": [{"prompts": [f"the sea at hour {n}"]} for n in range(1, 4)]}
    standin.script(
        CHAT,
        chat_reply(json.dumps(DELTA)),
        chat_reply(json.dumps(script)),
        chat_reply(json.dumps(prompts)),
    )
    run_id = await start_and_confirm(on_openai)
    state = await wait_for(on_openai, run_id, finished)

    assert state.status is RunStatus.COMPLETED
    assert len(standin.bodies(IMAGES)) == 3
    assert all(
        b["model"] == "gpt-image-1" and b["size"] == "1536x1024" for b in standin.bodies(IMAGES)
    )
    asked = sorted(b["prompt"] for b in standin.bodies(IMAGES))  # generated concurrently
    assert all(f"the sea at hour {n}" in p for n, p in zip(range(1, 4), asked, strict=True))
    speech = standin.bodies(SPEECH)
    assert sorted(b["input"] for b in speech) == [s["narration"] for s in script["segments"]]
    assert all(b["voice"] == "alloy" and b["model"] == "gpt-4o-mini-tts" for b in speech)
