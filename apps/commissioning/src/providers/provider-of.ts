import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';

/** The provider a provider's token speaks for (its `provider` claim). */
export function providerOf(user: Principal): string {
  if (!user.providerId) throw new ForbiddenException('a provider token must carry the provider claim');
  return user.providerId;
}
