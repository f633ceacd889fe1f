/** Referrals' retention queue: the job scheduler's `sweep`, which erases the records whose retention has ended. Never renamed once used. */
export const RETENTION_QUEUE = 'referrals-retention';
