import { pickContactValue, parseContacts, type ContactCard } from "../../src/applescript/contacts";
import { bestNameMatch, matchTier, normalizeName } from "../../src/applescript/nameMatch";

const card = (name: string, values: string[] = ["+1 555 0100"], extra: Partial<ContactCard> = {}): ContactCard => {
  const [firstName = "", ...rest] = name.split(" ");
  return { name, firstName, lastName: rest.join(" "), nickname: "", values: values.map((value) => ({ value, label: "home" })), ...extra };
};

describe("name matching", () => {
  test("normalizes case, accents and spaces", () => {
    expect(normalizeName("  José   ÁLVAREZ ")).toBe("jose alvarez");
    expect(normalizeName("Zoë")).toBe("zoe");
  });

  test.each([
    ["Sid Smith", { full: ["Sid Smith"] }, "exact"],
    ["sid smith", { full: ["Sid Smith"] }, "same"],
    ["Jose Alvarez", { full: ["José Álvarez"] }, "same"],
    ["Sid", { full: ["Sid Smith"], given: ["Sid"] }, "given"],
    ["Siddy", { full: ["Sid Smith"], given: ["Sid", "Siddy"] }, "given"],
    ["Smith", { full: ["Sid Smith"], given: ["Sid"] }, "partial"],
    ["sid s", { full: ["Sid Smith"] }, "partial"],
    ["smith sid", { full: ["Sid Smith"] }, "partial"],
    ["Lutfi", { full: ["Sid Smith"], given: ["Sid"] }, undefined],
    ["al", { full: ["Alice Smith"] }, "partial"],
    ["al", { full: ["Walter White"] }, undefined],
    ["report", { full: ["Q3report.pdf"] }, "partial"],
    ["", { full: [""] }, undefined],
  ])("%j against %j → %s", (query, keys, tier) => {
    expect(matchTier(query, keys)).toBe(tier);
  });

  test("the best tier wins over order; ties keep the preferred order", () => {
    const items = ["Sidney Lee", "Sid Jones", "sid"];
    expect(bestNameMatch("Sid", items, (n) => ({ full: [n] }))).toMatchObject({ best: "sid", tier: "same", candidates: ["sid"] });
    expect(
      bestNameMatch(
        "Sid",
        ["Sidney Lee", "Sid Jones"],
        (n) => ({ full: [n] }),
        (a, b) => a.localeCompare(b),
      ),
    ).toMatchObject({
      best: "Sid Jones",
      tier: "partial",
      candidates: ["Sid Jones", "Sidney Lee"],
    });
  });
});

describe("choosing a contact", () => {
  test("an exact match is chosen without comment", () => {
    expect(pickContactValue("Sid Smith", "phones", [card("Sid Jones"), card("Sid Smith", ["+1 555 0199"])])).toEqual({
      value: "+1 555 0199",
    });
  });

  test("several first-name matches: one is chosen, and the note says which and among whom", () => {
    const cards = [card("Sid Smith", ["+1 555 0101"]), card("Sid Jones", ["+1 555 0102"]), card("Sidney Lee")];
    const { value, note } = pickContactValue("sid", "phones", cards);
    expect(value).toBe("+1 555 0102");
    expect(note).toBe("Chose “Sid Jones” for “sid” (first name); 2 match: Sid Jones, Sid Smith.");
  });

  test("accents and nicknames", () => {
    expect(pickContactValue("Jose", "emails", [card("José Álvarez", ["jose@example.com"])])).toEqual({
      value: "jose@example.com",
      note: "Chose “José Álvarez” for “Jose” (first name).",
    });
    expect(pickContactValue("Lu", "emails", [card("Lutfi Erdogan", ["l@example.com"], { nickname: "Lu" })]).value).toBe("l@example.com");
  });

  test("among equal matches, one that has the value wins", () => {
    const cards = [card("Sid Adams", []), card("Sid Brown", ["+1 555 0103"])];
    expect(pickContactValue("Sid", "phones", cards).value).toBe("+1 555 0103");
  });

  test("a mobile number is preferred for phones", () => {
    const c = {
      ...card("Sid Smith"),
      values: [
        { value: "+1 555 0001", label: "work" },
        { value: "+1 555 0002", label: "mobile" },
      ],
    };
    expect(pickContactValue("Sid Smith", "phones", [c]).value).toBe("+1 555 0002");
  });

  test("no match, or a match without the value, is an error naming the contact", () => {
    expect(() => pickContactValue("Lutfi", "phones", [card("Sid Smith")])).toThrow("No contact named “Lutfi” in Contacts.");
    expect(() => pickContactValue("Sid Smith", "emails", [card("Sid Smith", [])])).toThrow("Sid Smith has no email address in Contacts.");
  });

  test("the script's output is read back: missing names, several values, Contacts' built-in labels", () => {
    const output = [
      ["Sid Smith", "Sid", "Smith", "", "+1 555 0101\u001d+1 555 0102", "_$!<Home>!$_\u001d_$!<Mobile>!$_"].join("\u001f"),
      ["", "Lutfi", "Erdogan", "Lu", "", ""].join("\u001f"),
    ].join("\u001e");
    expect(parseContacts(output)).toEqual([
      {
        name: "Sid Smith",
        firstName: "Sid",
        lastName: "Smith",
        nickname: "",
        values: [
          { value: "+1 555 0101", label: "home" },
          { value: "+1 555 0102", label: "mobile" },
        ],
      },
      { name: "Lutfi Erdogan", firstName: "Lutfi", lastName: "Erdogan", nickname: "Lu", values: [] },
    ]);
    expect(parseContacts("")).toEqual([]);
  });
});
