export { default } from "./commands/HistoryCommand";
