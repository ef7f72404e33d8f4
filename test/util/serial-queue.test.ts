import { describe, expect, it } from "vitest";
import { SerialQueue } from "../../src/util/serial-queue.ts";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("SerialQueue", () => {
  it("runs tasks one at a time, in the order queued", async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, steps: number) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < steps; i++) await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run(task("a", 3)), queue.run(task("b", 1)), queue.run(task("c", 0))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("a failed task rejects its own caller and does not block the next", async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      await tick();
      throw new Error("boom");
    });
    const next = queue.run(async () => "after");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
  });

  it("a task queued while another runs waits for it", async () => {
    const queue = new SerialQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    await Promise.all(Array.from({ length: 10 }, () => queue.run(task)));
    expect(most).toBe(1);
  });
});
