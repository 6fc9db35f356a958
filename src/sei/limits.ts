// The SEI payload's results and limits, apart from its schema so that the mapping and
// the schema's generator use them without loading each other.
export const RESULTS = ['SUCCESS', 'FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT'] as const
export const MAX_DESCRIPTION = 200
/** Commits per report: SEI has no cap; this keeps a payload of a long range bounded. */
export const MAX_COMMITS = 1000
