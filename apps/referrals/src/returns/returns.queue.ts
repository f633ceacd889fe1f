/** Referrals' own queue: producing a council's SSDA903 return in the background. Never renamed once used. */
export const RETURNS_QUEUE = 'referrals-returns';

export interface ExportJob {
  exportId: string;
  localAuthority: string;
  collectionYear: number;
}
