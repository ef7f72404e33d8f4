/** @jsxImportSource hono/jsx */
/** The page shell: head (feeds autodiscovery, the hashed style), header, the subscribe box, the hashed script. */
import type { Child } from "hono/jsx";
import { FEED_TYPES, type SubscribeLinks } from "../../src/board/subscribe.ts";
import { SCRIPT, STYLE } from "./assets.ts";
import { Subscribe } from "./components.tsx";

export interface LayoutProps {
  title: string;
  links: SubscribeLinks;
  children?: Child;
}

export const Layout = ({ title, links, children }: LayoutProps) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>{title}</title>
      <link rel="icon" href="data:," />
      <link rel="alternate" type={FEED_TYPES.rss} title={`${title} (RSS)`} href={links.rss} />
      <link rel="alternate" type={FEED_TYPES.atom} title={`${title} (Atom)`} href={links.atom} />
      <link rel="alternate" type={FEED_TYPES.json} title={`${title} (JSON Feed)`} href={links.json} />
      <link rel="alternate" type={FEED_TYPES.ics} title={`${title} (calendar)`} href={links.ics} />
      <style dangerouslySetInnerHTML={{ __html: STYLE }} />
    </head>
    <body>
      <header>
        <a class="brand" href="/">
          parley
        </a>
        <nav aria-label="Site">
          <a href="/">Board</a> · <a href="/docs">API docs</a>
        </nav>
      </header>
      <main>
        {children}
        <Subscribe links={links} />
      </main>
      <footer>
        <p>Times are UTC unless a zone is named. Countdowns move on once a minute.</p>
      </footer>
      <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />
    </body>
  </html>
);
