/**
 * Cohort projection of children in care by placement category: a discrete-time Markov model in
 * monthly steps, as the open children's services demand models do. Pure: no I/O.
 *
 * From a reference window the council's own children give, for each category i:
 *   p[i][j]    = moves i -> j / child-months starting in i       (j another category, or i itself)
 *   p[i][LEFT] = exits from care out of i / child-months in i
 *   entries[j] = children entering care into j / months in the window
 * and the projection is n(t+1)[j] = sum_i n(t)[i] x p[i][j] + entries[j].
 */

export const LEFT = 'LEFT_CARE';

export interface TransitionModel {
  categories: string[];
  /** p[i][j] over categories, then LEFT as the last column; each row sums to 1 (or is all 0 with no exposure). */
  p: number[][];
  entriesPerMonth: number[];
  /** Child-months observed in each category (the rates' denominators). */
  exposure: number[];
}

/**
 * Estimates the model from each child's state at the window's month-ends (null: not in care).
 * `sequences[c][t]` is child c's category at month-end t, for t = 0..months.
 */
export function estimateModel(categories: string[], sequences: (string | null)[][], months: number): TransitionModel {
  const k = categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  const exposure = new Array<number>(k).fill(0);
  const entries = new Array<number>(k).fill(0);
  for (const seq of sequences) {
    for (let t = 0; t + 1 < seq.length; t++) {
      const a = seq[t] == null ? undefined : index.get(seq[t]!);
      const b = seq[t + 1] == null ? undefined : index.get(seq[t + 1]!);
      if (a !== undefined) {
        exposure[a]!++;
        counts[a]![b === undefined ? k : b]!++;
      } else if (b !== undefined) {
        entries[b]!++;
      }
    }
  }
  return {
    categories,
    p: counts.map((row, i) => row.map((n) => (exposure[i] ? n / exposure[i]! : 0))),
    entriesPerMonth: entries.map((n) => (months > 0 ? n / months : 0)),
    exposure,
  };
}

export interface ProjectedMonth {
  /** 1 for the first month after the start. */
  step: number;
  byCategory: number[];
  total: number;
  /** Children expected to leave care during the month. */
  left: number;
  /** Children expected to enter care during the month. */
  entered: number;
}

/** Projects the counts month by month; with a category whose exposure is 0, its children stay put (no evidence of movement). */
export function project(model: TransitionModel, initial: number[], months: number): ProjectedMonth[] {
  const k = model.categories.length;
  const out: ProjectedMonth[] = [];
  let n = [...initial];
  for (let step = 1; step <= months; step++) {
    const next = [...model.entriesPerMonth];
    let left = 0;
    for (let i = 0; i < k; i++) {
      if (!model.exposure[i]) {
        next[i]! += n[i]!;
        continue;
      }
      for (let j = 0; j < k; j++) next[j]! += n[i]! * model.p[i]![j]!;
      left += n[i]! * model.p[i]![k]!;
    }
    n = next;
    const entered = model.entriesPerMonth.reduce((a, b) => a + b, 0);
    out.push({ step, byCategory: n, total: n.reduce((a, b) => a + b, 0), left, entered });
  }
  return out;
}

/** The cost of a month's projected children: count x weekly cost x days in the month / 7, in pence, per category. */
export function monthCost(byCategory: number[], weeklyPence: number[], daysInMonth: number): number[] {
  return byCategory.map((n, i) => Math.round((n * weeklyPence[i]! * daysInMonth) / 7));
}
