export { default } from "./commands/AskCommand";
