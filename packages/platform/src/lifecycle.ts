import { Injectable } from '@nestjs/common';

/** Shared shutdown state: readiness turns 503 as soon as the service starts draining. */
@Injectable()
export class Lifecycle {
  shuttingDown = false;
}
