/** @jsxImportSource hono/jsx */
/** Pages to HTML text: what the routes send and what bench/board.bench.ts times. */
import { type BoardInput, buildBoard } from "../../src/board/board-model.ts";
import type { SubscribeLinks } from "../../src/board/subscribe.ts";
import { buildTimeline } from "../../src/board/timeline.ts";
import type { ChangeEvent } from "../../src/events/event.ts";
import type { SourceView } from "../../src/sources/source-view.ts";
import type { TrackedItem } from "../../src/track/tracked-item.ts";
import { BoardPage } from "./board-page.tsx";
import { ItemPage } from "./item-page.tsx";

export interface BoardRender extends BoardInput {
  title: string;
  lede: string;
  now: number;
  links: SubscribeLinks;
  health?: SourceView;
  truncated: boolean;
}

export async function renderBoardHtml(r: BoardRender): Promise<string> {
  const board = buildBoard(r);
  const page = (
    <BoardPage
      title={r.title}
      lede={r.lede}
      board={board}
      now={r.now}
      links={r.links}
      health={r.health}
      truncated={r.truncated}
    />
  );
  return `<!doctype html>${await page.toString()}`;
}

export interface ItemRender {
  source: string;
  tracked: TrackedItem;
  events: ChangeEvent[];
  links: SubscribeLinks;
  more: boolean;
}

export async function renderItemHtml(r: ItemRender): Promise<string> {
  const timeline = buildTimeline(r.tracked.item, r.events);
  const page = <ItemPage {...r} timeline={timeline} />;
  return `<!doctype html>${await page.toString()}`;
}
