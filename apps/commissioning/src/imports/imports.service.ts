import { Injectable } from '@nestjs/common';
import { PlacementImportedV1, type LookedAfterPlacementImportedV1, type PayloadOf } from '@placewise/contracts';
import { asDate } from '@placewise/contracts/dates';
import { OutboxWriter, TerminalEventError, type EventOrigin } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { CouncilService } from '../council/council.service.js';
import { defaultRegistrationCategory } from '../matching/gates.js';
import { classifyLocation } from '../matching/location.js';
import type { Tx } from '../prisma.service.js';
import { ImportsRepository } from './imports.repository.js';
import { IMPORTED_PROVIDERS, OWN_PROVIDER_NAME, TYPE_WORDS, importedPlace, type ImportedPlace } from './place-codes.js';

type Imported = PayloadOf<typeof LookedAfterPlacementImportedV1>;

/** Who recorded an imported placement (the placement's `awardedBy`). */
export const IMPORTED_BY = 'ssda903-import';

/**
 * Placements from a council's SSDA903 return (onboarding): each is recorded at its setting, found by
 * Ofsted URN or created, under the provider its PLACE_PROVIDER names, and placement.imported is
 * emitted for finance. Loading the same return again changes nothing: the import key is unique per council.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly repo: ImportsRepository,
    private readonly council: CouncilService,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(tx: Tx, localAuthority: string, p: Imported, origin: EventOrigin): Promise<'recorded' | 'already-imported'> {
    const place = importedPlace(p.place, p.placeProvider, p.urn);
    if (!place) throw new TerminalEventError(`the 903 PLACE code ${p.place} is not one Placewise knows`);
    await this.repo.lockCouncil(tx, localAuthority);
    if (await this.repo.placementByImportKey(tx, localAuthority, p.importKey)) return 'already-imported';
    const council = await this.council.settings(localAuthority, tx);
    const setting = await this.settingFor(tx, localAuthority, council.region, place, p);
    const weekly = p.weeklyCostPence;
    const placement = await this.repo.createPlacement(tx, {
      id: randomUUID(),
      localAuthority,
      origin: 'IMPORT',
      importKey: p.importKey,
      requestId: null,
      searchId: null,
      offerId: null,
      childId: p.childId,
      childAge: p.childAge,
      settingId: setting.id,
      providerId: setting.providerId,
      placementType: place.placementType,
      provision: place.provision,
      location: classifyLocation(council.area, setting.area),
      weeklyFeePence: weekly ?? 0,
      weeklyCostPence: weekly ?? 0,
      approvedCeilingPence: weekly ?? 0,
      startDate: asDate(p.placementStart),
      noticeWeeks: 4,
      status: 'ACTIVE',
      awardedBy: IMPORTED_BY,
      correlationId: origin.correlationId,
    });
    await this.outbox.append(
      tx,
      PlacementImportedV1,
      {
        placementId: placement.id,
        childId: p.childId,
        childAge: p.childAge,
        providerId: setting.providerId,
        settingId: setting.id,
        placementType: place.placementType,
        provision: place.provision,
        weeklyCostPence: weekly,
        startDate: p.placementStart,
        importKey: p.importKey,
      },
      origin,
    );
    return 'recorded';
  }

  /**
   * The setting: the one with the placement's Ofsted URN (the council's own, or its region's), else a
   * new one under the provider PLACE_PROVIDER names; for a PLACE with no URN, one setting per council,
   * provider and type ("Placed with parents (from the 903 return)"), made the first time it is needed.
   */
  private async settingFor(tx: Tx, la: string, region: string | null, place: ImportedPlace, p: Imported) {
    if (place.urn) {
      const known = await this.repo.settingByUrn(tx, la, region, place.urn);
      if (known) return known;
    }
    const provider = await this.providerFor(tx, la, place);
    const words = TYPE_WORDS[place.placementType];
    const name = place.urn ? `${words} ${place.urn} (from the 903 return)` : `${words} (from the 903 return)`;
    if (!place.urn) {
      const shared = await this.repo.settingByName(tx, la, provider.id, name);
      if (shared) return shared;
    }
    return this.repo.createSetting(tx, {
      id: randomUUID(),
      localAuthority: la,
      providerId: provider.id,
      name,
      placementType: place.placementType,
      ofstedUrn: place.urn,
      // Not known from the return: a commissioner records the rating, price and places later.
      ofstedRating: place.urn ? 'NOT_YET_INSPECTED' : 'NOT_REGISTERED',
      registrationCategory: defaultRegistrationCategory(place.placementType, !!place.urn),
      postcode: place.urn ? (p.placePostcode?.trim().toUpperCase() ?? '') : '',
      ageMin: 0,
      ageMax: 17,
      // A home known to hold this child, with no vacancy known; the shared no-URN settings are not beds.
      capacity: place.urn ? 1 : 0,
      vacancies: 0,
      weeklyPricePence: place.urn ? (p.weeklyCostPence ?? 0) : 0,
      procurementRoute: provider.sector === 'IN_HOUSE' ? 'IN_HOUSE' : 'OFF_FRAMEWORK',
    });
  }

  /** PR1 (and parents, and no provider): the council's own in-house provider; PR2-PR5: an imported provider record per kind. */
  private async providerFor(tx: Tx, la: string, place: ImportedPlace) {
    if (place.provider === 'OWN')
      return (await this.repo.inHouseProvider(tx, la)) ?? this.repo.providerNamed(tx, la, OWN_PROVIDER_NAME, 'IN_HOUSE', randomUUID());
    const { name, sector } = IMPORTED_PROVIDERS[place.provider];
    return this.repo.providerNamed(tx, la, name, sector, randomUUID());
  }
}
