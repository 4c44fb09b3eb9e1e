/** Points as the ledger's explanations write them: `1 pt`, `245 pts`. */
export const pts = (points: number): string => `${points} ${Math.abs(points) === 1 ? 'pt' : 'pts'}`;
