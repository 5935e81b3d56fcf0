import { contactTool } from "../applescript/contacts";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const getPhoneNumber = defineTool({
  name: "get_phone_number",
  title: "Phone Number Lookup",
  app: "Contacts",
  effect: "read",
  params: [param.contact("name")],
  description: `get_phone_number(name: str) -> str
 - Search for a contact by name.
 - Returns the phone number of the contact.
`,
  mac: contactTool("phones"),
});
