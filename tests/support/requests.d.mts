/** The body of `POST /requests` for the journeys' usual placement request (requests.mjs). */
export interface PlacementRequestBody {
  childId: string;
  kind: string;
  legalStatus: string;
  placementType: string;
  provision: string;
  weeklyCostPence: number;
  location: string;
  urgency: string;
  [field: string]: unknown;
}

export declare function placementRequest(childId: string, over?: Record<string, unknown>): PlacementRequestBody;
