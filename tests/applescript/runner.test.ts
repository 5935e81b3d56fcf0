import { AgentError } from "../../src/core/errors";
import { osascriptRunner } from "../../src/applescript/runner";
import { appleScriptError, parseScriptError } from "../../src/applescript/scriptErrors";
import { executionError, fakeMac, OsascriptFailure } from "../support/fakeOsascript";

const context = { app: "Contacts", host: "Raycast" };
const mapped = (stderr: string) => appleScriptError(stderr, context, undefined);
const step = (signal = new AbortController().signal) => ({ signal, app: "Contacts" });

describe("AppleScript errors read as what to do", () => {
  test.each([
    [
      "0:12: execution error: Not authorized to send Apple events to Contacts. (-1743)",
      "not_authorized",
      "Allow Raycast to control Contacts: System Settings → Privacy & Security → Automation.",
    ],
    [
      "execution error: Contacts got an error: Application isn’t running. (-600)",
      "app_unavailable",
      /Contacts is not running and could not be started/,
    ],
    ["execution error: An error of type -10810 has occurred. (-10810)", "app_unavailable", /Open Contacts once/],
    ["execution error: Can’t find the application. (-10814)", "app_missing", "Contacts is not installed on this Mac."],
    [
      'execution error: Contacts got an error: Can’t get person "Zed". (-1728)',
      "not_found",
      'Contacts could not find it: Can’t get person "Zed".',
    ],
    ["execution error: Contacts got an error: AppleEvent timed out. (-1712)", "timeout", /did not answer in time/],
    ["execution error: User canceled. (-128)", "cancelled", "Cancelled in Contacts."],
    [
      "execution error: No email is selected in Mail: select the email to reply to, then try again. (1000)",
      "app_state",
      /^No email is selected/,
    ],
    ["0:30: syntax error: Expected end of line but found identifier. (-2741)", "script_error", /did not compile \(Expected end of line/],
    [
      "execution error: Contacts got an error: Something odd. (-10000)",
      "script_error",
      "Contacts reported an error: Something odd. (-10000)",
    ],
    ["osascript: something unexpected", "script_error", "Contacts failed: osascript: something unexpected"],
  ])("%s", (stderr, code, message) => {
    const error = mapped(stderr);
    expect(error.code).toBe(code);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  test("multi-line messages and the number are parsed", () => {
    expect(parseScriptError("0:1: execution error: line one\nline two (-1728)\n")).toEqual({
      kind: "execution",
      message: "line one\nline two",
      number: -1728,
    });
  });
});

describe("the osascript runner (with a fake osascript underneath)", () => {
  test("returns the script's output and maps failures, keeping the original as the cause", async () => {
    const failure = executionError("Not authorized to send Apple events to Contacts.", -1743);
    const mac = fakeMac({ appleScript: (script) => (script === "ok" ? "fine" : Promise.reject(failure)) });
    const runner = osascriptRunner({ host: "your terminal app", ...mac });
    await expect(runner.appleScript("ok", step())).resolves.toBe("fine");
    const error = await runner.appleScript("bad", step()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).message).toBe(
      "Allow your terminal app to control Contacts: System Settings → Privacy & Security → Automation.",
    );
    expect((error as AgentError).cause).toBe(failure);
  });

  test("a script that runs too long is stopped and says so, even if it ignores its signal", async () => {
    const mac = fakeMac({ appleScript: () => new Promise<string>(() => undefined) });
    const runner = osascriptRunner({
      host: "Raycast",
      timeoutMs: 50,
      runAppleScript: (script) => mac.runAppleScript(script, { signal: new AbortController().signal }),
    });
    await expect(runner.appleScript("slow", step())).rejects.toMatchObject({
      code: "timeout",
      message:
        "Contacts did not answer within 50 ms, so it was stopped. It may have done its part anyway: check Contacts before trying again.",
    });
  });

  test("cancelling aborts the running script", async () => {
    let seen: AbortSignal | undefined;
    const runner = osascriptRunner({
      host: "Raycast",
      runAppleScript: (_script, { signal }) => {
        seen = signal;
        return new Promise<string>(() => undefined);
      },
    });
    const controller = new AbortController();
    const running = runner.appleScript("slow", step(controller.signal));
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: "cancelled" });
    expect(seen?.aborted).toBe(true);
  });

  test("a failure without stderr still reads as one line", async () => {
    const runner = osascriptRunner({ host: "Raycast", runAppleScript: () => Promise.reject(new OsascriptFailure("")) });
    await expect(runner.appleScript("x", step())).rejects.toMatchObject({
      code: "script_error",
      message: /^Contacts failed: Command failed: osascript/,
    });
  });
});

describe("commands run for real through execFile (no shell)", () => {
  const runner = osascriptRunner({ host: "Raycast", timeoutMs: 2000 });
  const app = { app: "Spotlight" };
  const signal = () => new AbortController().signal;

  test("arguments arrive as they are, quotes and all", async () => {
    const tricky = `it's "quoted" $(touch /tmp/pwned) ; rm -rf ~`;
    const out = await runner.command(process.execPath, ["-e", "process.stdout.write(process.argv[1])", tricky], {
      ...app,
      signal: signal(),
    });
    expect(out).toBe(tricky);
  });

  test("a missing program, a failing one, and one that hangs", async () => {
    await expect(runner.command("mdfind-does-not-exist", [], { ...app, signal: signal() })).rejects.toMatchObject({
      code: "app_missing",
      message: "mdfind-does-not-exist is not available on this computer (Spotlight needs macOS).",
    });
    await expect(
      runner.command(process.execPath, ["-e", "process.stderr.write('bad query\\nmore'); process.exit(3)"], { ...app, signal: signal() }),
    ).rejects.toMatchObject({ code: "command_failed", message: "Spotlight failed: bad query" });
    const quick = osascriptRunner({ host: "Raycast", timeoutMs: 200 });
    await expect(
      quick.command(process.execPath, ["-e", "setTimeout(() => {}, 10000)"], { ...app, signal: signal() }),
    ).rejects.toMatchObject({
      code: "timeout",
    });
  });
});
