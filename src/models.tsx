export { default } from "./commands/ModelsCommand";
