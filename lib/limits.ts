/**
 * Length limits on the two inputs every AWS name is derived from. They are
 * chosen so that the longest derived name fits AWS's shortest limit: a target
 * group name `{prefix}-{environment}-api` must stay within 32 characters, so
 * prefix + environment may total at most 27; 10 + 16 = 26 leaves room.
 */
export const MAX_NAME_PREFIX_LENGTH = 10;
export const MAX_ENVIRONMENT_LENGTH = 16;

/** Lowercase words joined by single hyphens, starting with a letter: valid in S3, RDS, ALB and IAM names. */
export const NAME_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
