/**
 * A result with a note for the person watching the run, kept out of the result because later tasks
 * receive the result: get_phone_number's result is the number, its note says which of three "Sid"s it chose.
 */
export interface ToolOutput {
  result: string;
  note?: string;
}
