import { DurableObject } from "cloudflare:workers";
export class SourceObject extends DurableObject<Env> {
  async hello(x: string) {
    await this.ctx.storage.put("x", x);
    return `hi ${x}`;
  }
}
export default {
  async fetch(req: Request, env: Env) {
    const stub = env.SOURCES.getByName("a");
    const r = await stub.hello("y");
    await env.PARLEY_KV.put("k", r);
    return new Response(await env.PARLEY_KV.get("k"));
  },
} satisfies ExportedHandler<Env>;
