"""Commit-to-client latency of run IDs over real websockets, against raw LISTEN/NOTIFY.

Three processes besides PostgreSQL, so that no two measured parties share an event loop:

- the **server**: uvicorn + `create_app` exactly as deployed (change feed, Strawberry,
  graphql-transport-ws over uvicorn's `websockets-sansio`), started from this package with
  `--role server`;
- the **clients**: one process holding every websocket, started with `--role clients`. Each
  connection is a sans-I/O `websockets.ClientProtocol` on a bare asyncio transport that stamps
  `time.time()` when the bytes of a message reach the process, before parsing them;
- this process, the **writer**: commits transitions (`MessageAdded`) through `RunStore.apply` at
  a fixed, modest rate (open loop, at most 4 in flight, so one slow commit does not hold back
  the schedule) and stamps `time.time()` right after each commit returns.

Both stamps read the same machine clock. A write (run ID, feed position — its transaction ID)
counts as delivered to a subscriber by the first `next` whose `runIds` hold the run and whose
`cursor` names a position at least the write's: the feed delivers in position order and
coalesces per run, so that batch covers it.
Latency is measured from the moment the *writer* sees its commit return, which itself comes
a fraction of a millisecond after PostgreSQL committed (SQLAlchemy and asyncpg process the
reply first): values at or just below zero mean "as fast as the writer noticed its own commit".

Scenarios (all subscribers are the local viewer, who owns every run):

- `A per-lecture`: N subscribers, each on `runChanges(lectureId:)` of its own lecture with one
  run in it; every write picks a random run, so every notification interests exactly one
  subscriber. The `stray` count checks that nobody else heard of it.
- `B broadcast`: N subscribers on the owner-wide `runChanges`; every write reaches all N. Run
  at each rate of `--rates-b` on the same connections: a low rate shows the cost of one
  fan-out, a high one what happens when the server cannot keep up (batches coalesce).
- `raw LISTEN/NOTIFY`: the floor. The clients process LISTENs on one asyncpg connection; this
  process commits `SELECT pg_notify(...)` at scenario A's rate and count.

Before each measured phase every subscription is proven live (a warm-up write reached it) and
the clients go quiet; after it the benchmark waits until every subscriber has received its last
write (at most `--drain-limit` seconds; whatever is still missing then is reported). The
clients process and the writer run with the garbage collector frozen and disabled while they
measure (they are the instruments); the server keeps its own, and its GC pauses of 2 ms or more
are reported. CPU time per party and of the rest of the machine is reported per phase, since a
busy machine shows up as latency.

    uv run python -m bench.latency                       # embedded throwaway PostgreSQL
    uv run python -m bench.latency --database-url postgresql://postgres@127.0.0.1/postgres
    uv run --with py-spy python -m bench.latency --py-spy var/latency-profile

    uv run python -m bench.latency --server-gc disable   # what the server's GC pauses cost

With `--database-url` a scratch database is created on that server and dropped afterwards.
`--py-spy DIR` samples the server during each measured phase into DIR/<phase>.txt (collapsed
stacks, for flamegraph.pl or speedscope) and prints its heaviest frames. `--server-gc` is an
experiment on the server process only (`freeze`: `gc.freeze()` after startup; `disable`: no
automatic collection); src/ is never changed. `--heap-census` reports the server's
GC-tracked objects by type while all of scenario A's subscribers are connected. Exit status 1
if any delivery went missing.
"""
