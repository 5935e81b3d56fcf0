import { contactTool } from "../applescript/contacts";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const getEmailAddress = defineTool({
  name: "get_email_address",
  title: "Email Address Lookup",
  app: "Contacts",
  effect: "read",
  params: [param.contact("name")],
  description: `get_email_address(name: str) -> str
 - Search for a contact by name.
 - Returns the email address of the contact.
`,
  mac: contactTool("emails"),
});
