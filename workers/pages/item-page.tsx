/** @jsxImportSource hono/jsx */
/** One item's page: its state now, the timeline (inline SVG), every change before → after. */
import type { SubscribeLinks } from "../../src/board/subscribe.ts";
import { type Timeline, TL_AXIS, TL_HEIGHT, TL_WIDTH } from "../../src/board/timeline.ts";
import type { ChangeEvent } from "../../src/events/event.ts";
import type { Item } from "../../src/model/item.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import { EventEntry, SourceDate, When } from "./components.tsx";
import { Layout } from "./layout.tsx";

const Fact = ({ name, children }: { name: string; children?: unknown }) => (
  <>
    <dt>{name}</dt>
    <dd>{children as string}</dd>
  </>
);

const KindFacts = ({ item }: { item: Item }) =>
  item.kind === "deadline" ? (
    <>
      <Fact name="Due">{item.due ? <SourceDate value={item.due} timeZone={item.timezone} /> : "no date"}</Fact>
      {item.due_text && <Fact name="In their words">“{item.due_text}”</Fact>}
      {item.set_by && <Fact name="Set by">{item.set_by}</Fact>}
    </>
  ) : (
    <>
      <Fact name="Starts">
        {item.starts_at ? <SourceDate value={item.starts_at} timeZone={item.timezone} /> : "not set"}
      </Fact>
      {item.ends_at && (
        <Fact name="Ends">
          <SourceDate value={item.ends_at} timeZone={item.timezone} />
        </Fact>
      )}
      {item.level && <Fact name="Level">{item.level}</Fact>}
      {item.location && (
        <Fact name="Where">
          {[item.location.venue, item.location.city, item.location.country].filter(Boolean).join(", ")}
        </Fact>
      )}
      {item.participants.length > 0 && <Fact name="Participants">{item.participants.join(", ")}</Fact>}
      {item.outcome && <Fact name="Outcome">{item.outcome}</Fact>}
    </>
  );

const Facts = ({ source, tracked }: { source: string; tracked: TrackedItem }) => {
  const item = tracked.item;
  return (
    <dl class="facts">
      <Fact name="Status">
        {item.status.replace("_", " ")}
        {tracked.removed_at && " (no longer listed by the source)"}
      </Fact>
      <KindFacts item={item} />
      {item.parties.length > 0 && <Fact name="Parties">{item.parties.join(", ")}</Fact>}
      {item.tags.length > 0 && <Fact name="Tags">{item.tags.join(", ")}</Fact>}
      <Fact name="Source">
        <a href={`/sources/${encodeURIComponent(source)}`}>{source}</a>
      </Fact>
      <Fact name="Last revised">
        <When iso={item.updated_at} /> (revision {tracked.revision})
      </Fact>
      {item.url && (
        <Fact name="Link">
          <a href={item.url} rel="noopener noreferrer">
            {item.url}
          </a>
        </Fact>
      )}
    </dl>
  );
};

/** The state before the first change (hollow), then one marker per event with its summary as <title>. */
const Markers = ({ tl }: { tl: Timeline }) => (
  <>
    <circle class="mk-start" cx={tl.start.x} cy={tl.start.y} r="5">
      <title>{`Before the first change: ${tl.start.value}${tl.start.status ? `, ${tl.start.status}` : ""}`}</title>
    </circle>
    {tl.start.status && (
      <text x={tl.start.x} y={TL_AXIS.bottom + 20} text-anchor="start">
        {tl.start.status}
      </text>
    )}
    {tl.markers.map((m) => (
      <>
        <circle class={`mk-${m.severity}`} cx={m.x} cy={m.y} r="7">
          <title>{m.summary}</title>
        </circle>
        {m.status && (
          <text x={m.x} y={TL_AXIS.bottom + 20} text-anchor="end">
            {m.status}
          </text>
        )}
      </>
    ))}
  </>
);

const TimelineSvg = ({ tl, title }: { tl: Timeline; title: string }) => {
  const what = tl.kind === "deadline" ? "due date" : "level and status";
  return (
    <figure>
      <svg
        class="timeline"
        viewBox={`0 0 ${TL_WIDTH} ${TL_HEIGHT}`}
        role="img"
        aria-labelledby="tl-title tl-desc"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="tl-title">{`Timeline of ${title}: its ${what}, event by event`}</title>
        <desc id="tl-desc">{`Before: ${tl.start.value}${tl.start.status ? `, ${tl.start.status}` : ""}. ${tl.markers
          .map((m) => `${m.at}: ${m.summary}`)
          .join(". ")}`}</desc>
        {tl.yLabels.map((l) => (
          <>
            <line class="axis" x1={TL_AXIS.left} x2={TL_AXIS.right} y1={l.y} y2={l.y} />
            <text x={TL_AXIS.left - 8} y={l.y + 4} text-anchor="end">
              {l.text}
            </text>
          </>
        ))}
        <path class="step" d={tl.path} />
        <Markers tl={tl} />
        {tl.xLabels.map((l) => (
          <text x={l.x} y={TL_HEIGHT - 8} text-anchor="end">
            {l.text}
          </text>
        ))}
      </svg>
      <figcaption class="muted">
        Each dot is a change (hover or focus for its summary); the hollow dot is the state before the first one.
      </figcaption>
    </figure>
  );
};

export interface ItemPageProps {
  source: string;
  tracked: TrackedItem;
  events: ChangeEvent[];
  timeline: Timeline | null;
  links: SubscribeLinks;
  /** More events than this page shows. */
  more: boolean;
}

export const ItemPage = ({ source, tracked, events, timeline, links, more }: ItemPageProps) => (
  <Layout title={`${tracked.item.title} — parley`} links={links}>
    <p class="meta">
      <a href={`/sources/${encodeURIComponent(source)}`}>{source}</a> · {tracked.item.kind}
    </p>
    <h1>{tracked.item.title}</h1>
    {tracked.item.summary && <p class="lede">{tracked.item.summary}</p>}
    <section aria-labelledby="now-h">
      <h2 id="now-h">Now</h2>
      <Facts source={source} tracked={tracked} />
    </section>
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      {timeline ? <TimelineSvg tl={timeline} title={tracked.item.title} /> : <p class="muted">No changes yet.</p>}
    </section>
    <section aria-labelledby="history-h">
      <h2 id="history-h">Every change</h2>
      {events.length ? (
        <ul class="list">
          {events.map((e) => (
            <EventEntry event={e} withChanges={true} />
          ))}
        </ul>
      ) : (
        <p class="muted">No changes recorded since parley started following it.</p>
      )}
      {more && <p class="muted">Older changes: see the feeds below or /api/items.</p>}
    </section>
  </Layout>
);
