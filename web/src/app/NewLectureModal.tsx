import { useId, useState } from 'react';
import type { FormEvent } from 'react';

import { getFragmentData } from '../gql';
import { request } from '../transport/http';
import { CreateLectureMutation, UserErrorsFragment } from '../transport/operations';
import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';

/** "New lecture": Title and Prompt, then Create. */
export function NewLectureModal({
  onCreated,
  onClose,
}: {
  onCreated: (lecture: { id: string; title: string }) => void;
  onClose: () => void;
}) {
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      const { createLecture } = await request(CreateLectureMutation, { input: { title: title.trim(), prompt } });
      const refusals = createLecture.userErrors.map((e) => getFragmentData(UserErrorsFragment, e).message);
      if (createLecture.lecture) onCreated(createLecture.lecture);
      else setError(refusals.join(' ') || 'The lecture could not be created.');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The lecture could not be created.');
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal title="New lecture" onClose={onClose}>
      <form className="new-lecture" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-title`} className="field__label">
            Title
          </label>
          <input
            id={`${id}-title`}
            value={title}
            required
            data-autofocus
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-prompt`} className="field__label">
            Prompt
          </label>
          <textarea id={`${id}-prompt`} rows={3} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        </div>
        {error && (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="config-form__actions">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={sending || !title.trim()}>
            Create
          </Button>
        </div>
      </form>
    </Modal>
  );
}
