/** @jsxImportSource hono/jsx */
/** The board (/ and /sources/{id}): deadlines, meetings by state, latest changes; a source's poll health. */
import {
  type Board,
  type BoardMeeting,
  type DatedDeadline,
  GROUP_TITLES,
  MEETING_GROUPS,
  type WordedDeadline,
} from "../../src/board/board-model.ts";
import type { SubscribeLinks } from "../../src/board/subscribe.ts";
import type { SourceView } from "../../src/sources/source-view.ts";
import { Countdown, EventEntry, SourceDate, When } from "./components.tsx";
import { Layout } from "./layout.tsx";

const itemPath = (source: string, kind: string, id: string) =>
  `/items/${[source, kind, id].map(encodeURIComponent).join("/")}`;

const DatedEntry = ({ d, now }: { d: DatedDeadline; now: number }) => (
  <li>
    <a href={itemPath(d.source, "deadline", d.item.id)}>{d.item.title}</a>
    <div>
      <Countdown ms={d.dueMs} now={now} /> · due <SourceDate value={d.item.due ?? ""} timeZone={d.item.timezone} />
      {d.item.due_text && <span class="muted"> (“{d.item.due_text}”)</span>}
    </div>
    <div class="meta">
      {d.item.set_by ? `set by ${d.item.set_by} · ` : ""}
      {d.source}
    </div>
  </li>
);

const WordedEntry = ({ d }: { d: WordedDeadline }) => (
  <li>
    <a href={itemPath(d.source, "deadline", d.item.id)}>{d.item.title}</a>
    <div>
      “{d.item.due_text}” — said <When iso={d.item.updated_at} />
    </div>
    <div class="meta">
      {d.item.set_by ? `set by ${d.item.set_by} · ` : ""}
      {d.source}
    </div>
  </li>
);

const MeetingEntry = ({ m, now }: { m: BoardMeeting; now: number }) => {
  const where = [m.item.location?.city, m.item.location?.country].filter(Boolean).join(", ");
  return (
    <li>
      <a href={itemPath(m.source, "meeting", m.item.id)}>{m.item.title}</a>
      <div>
        {m.item.starts_at ? <SourceDate value={m.item.starts_at} timeZone={m.item.timezone} /> : "date not set"}
        {m.startMs !== null && (m.item.status === "scheduled" || m.item.status === "confirmed") && (
          <>
            {" · "}
            <Countdown ms={m.startMs} now={now} past="started" />
          </>
        )}
      </div>
      <div class="meta">
        {[m.item.status.replace("_", " "), m.item.level, where, m.source].filter(Boolean).join(" · ")}
      </div>
    </li>
  );
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const Health = ({ view }: { view: SourceView }) => {
  const p = view.poll;
  const last = p.outcomes[0];
  return (
    <section aria-labelledby="health-h">
      <h2 id="health-h">Poll health</h2>
      <dl class="facts">
        <dt>URL</dt>
        <dd>{view.config.url ?? "none (pushed)"}</dd>
        <dt>Interval</dt>
        <dd>{view.config.interval_minutes} min</dd>
        <dt>Last poll</dt>
        <dd>{last ? <When iso={last.at} /> : "never"}</dd>
        {last && <dt>Result</dt>}
        {last && (
          <dd>
            {last.result}
            {last.status ? ` (HTTP ${last.status})` : ""}, {plural(last.events, "event", "events")}
          </dd>
        )}
        <dt>Failures in a row</dt>
        <dd>{p.consecutive_failures === 0 ? "none — healthy" : `${p.consecutive_failures} — failing`}</dd>
        <dt>Last ingest</dt>
        <dd>
          {view.status.last_ingest ? <When iso={view.status.last_ingest.at} /> : "never"}
          {view.status.last_ingest && ` by ${view.status.last_ingest.via}`}
        </dd>
        <dt>Counts</dt>
        <dd>
          {plural(view.status.counts.items, "item", "items")}, {plural(view.status.counts.events, "event", "events")},{" "}
          {view.status.counts.rejected} rejected
        </dd>
        {view.status.last_error && <dt>Last error</dt>}
        {view.status.last_error && (
          <dd>
            <When iso={view.status.last_error.at} />: {view.status.last_error.message}
          </dd>
        )}
      </dl>
    </section>
  );
};

const Empty = ({ text }: { text: string }) => <p class="muted">{text}</p>;

const Deadlines = ({ board, now }: { board: Board; now: number }) => (
  <section aria-labelledby="deadlines-h">
    <h2 id="deadlines-h">Deadlines</h2>
    <h3>By due time</h3>
    {board.dated.length ? (
      <ul class="list">
        {board.dated.map((d) => (
          <DatedEntry d={d} now={now} />
        ))}
      </ul>
    ) : (
      <Empty text="No open deadline with a due time." />
    )}
    <h3>Known only by their wording</h3>
    {board.worded.length ? (
      <ul class="list">
        {board.worded.map((d) => (
          <WordedEntry d={d} />
        ))}
      </ul>
    ) : (
      <Empty text="None." />
    )}
  </section>
);

const Meetings = ({ board, now }: { board: Board; now: number }) => (
  <section aria-labelledby="meetings-h">
    <h2 id="meetings-h">Meetings</h2>
    {MEETING_GROUPS.filter((g) => board.meetings[g].length > 0).map((g) => (
      <>
        <h3>{GROUP_TITLES[g]}</h3>
        <ul class="list">
          {board.meetings[g].map((m) => (
            <MeetingEntry m={m} now={now} />
          ))}
        </ul>
      </>
    ))}
    {MEETING_GROUPS.every((g) => board.meetings[g].length === 0) && <Empty text="No meetings." />}
  </section>
);

export interface BoardPageProps {
  title: string;
  lede: string;
  board: Board;
  now: number;
  links: SubscribeLinks;
  health?: SourceView;
  /** More items match than one page holds. */
  truncated: boolean;
}

export const BoardPage = ({ title, lede, board, now, links, health, truncated }: BoardPageProps) => (
  <Layout title={`${title} — parley`} links={links}>
    <h1>{title}</h1>
    <p class="lede">{lede}</p>
    {truncated && <p class="muted">Showing the first page of items only; narrow by source or tag for the rest.</p>}
    {health && <Health view={health} />}
    <div class="grid">
      <Deadlines board={board} now={now} />
      <Meetings board={board} now={now} />
    </div>
    <section aria-labelledby="changes-h">
      <h2 id="changes-h">Latest changes</h2>
      {board.changes.length ? (
        <ul class="list">
          {board.changes.map((e) => (
            <EventEntry event={e} withChanges={false} />
          ))}
        </ul>
      ) : (
        <Empty text="No changes yet." />
      )}
    </section>
  </Layout>
);
