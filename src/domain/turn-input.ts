/** What the user sent this turn: the typed or displayed text and, for a button, its value. */
export interface TurnInput {
  text: string;
  value?: string;
}
