import { SetMetadata } from '@nestjs/common';
import { z } from 'zod';

/** How a child's personal data was read (stored; a new value needs a migration). */
export const AccessChannel = z.enum(['CHILDREN_LIST', 'CHILD', 'RECORD', 'RECORD_HISTORY', 'RETURN_FILE', 'SUBJECT_ACCESS']);
export type AccessChannel = z.infer<typeof AccessChannel>;

/** The words an auditor reads for each channel. */
export const CHANNEL_WORDS: Record<AccessChannel, string> = {
  CHILDREN_LIST: 'the list of children',
  CHILD: "the child's details",
  RECORD: "the child's looked-after record",
  RECORD_HISTORY: "the history of the child's record",
  RETURN_FILE: 'the SSDA903 return file',
  SUBJECT_ACCESS: 'a subject access request',
};

export const READS_PERSONAL_DATA = 'placewise:reads-personal-data';

export interface PersonalDataRead {
  through: AccessChannel;
  /** The children whose personal data the answer carries. */
  children: (result: unknown, params: Record<string, string>) => string[];
}

/** Children named by the `:id` of the route (a child's page). */
export const childOfRoute = (_: unknown, params: Record<string, string>) => (params.id ? [params.id] : []);
/** Children listed in the answer (an array of children, each with its id). */
export const childrenListed = (result: unknown) => (Array.isArray(result) ? result.map((c: { id: string }) => c.id) : []);

/**
 * Marks a route whose answer carries a child's personal data (name, date of birth, characteristics): the
 * access-log interceptor writes one row per child read, before the answer leaves; if the row cannot be
 * written the answer is not sent. A route that streams its answer itself (`@Res()`) logs in its service.
 */
export const ReadsPersonalData = (through: AccessChannel, children: PersonalDataRead['children'] = childOfRoute) =>
  SetMetadata(READS_PERSONAL_DATA, { through, children } satisfies PersonalDataRead);
