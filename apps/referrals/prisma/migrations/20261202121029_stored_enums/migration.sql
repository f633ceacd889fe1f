-- Stored statuses and kinds as enums (the values of @placewise/contracts' enums and the exits DTOs).

-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('ENTRY_TO_CARE', 'PLACEMENT', 'VARIATION', 'STEP_DOWN', 'EXIT');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'DECLINED', 'DEFERRED', 'PLACED', 'ENDED', 'REFUSED');

-- CreateEnum
CREATE TYPE "LegalStatus" AS ENUM ('S20', 'ICO_S38', 'CO_S31', 'PLACEMENT_ORDER', 'EPO_S44', 'PP_S46', 'REMAND_LA', 'REMAND_YDA', 'SECURE_S25', 'DOL_INHERENT', 'UASC_S20', 'SHORT_BREAKS');

-- CreateEnum
CREATE TYPE "PlacementType" AS ENUM ('INHOUSE_FOSTER', 'KINSHIP_FOSTER', 'IFA_FOSTER', 'IFA_ENHANCED', 'PARENT_CHILD_FOSTER', 'RESIDENTIAL_FAMILY_CENTRE', 'LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME', 'SUPPORTED_ACCOM_REGISTERED', 'SUPPORTED_ACCOM_UNREGISTERED', 'SUPPORTED_LODGINGS', 'OTHER_ARRANGEMENTS_UNREGULATED', 'SECURE_CHILDRENS_HOME', 'RESIDENTIAL_SCHOOL', 'PLACED_WITH_PARENTS', 'UNREGISTERED_CHILDRENS_HOME', 'HOSPITAL');

-- CreateEnum
CREATE TYPE "Provision" AS ENUM ('IN_HOUSE', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "Location" AS ENUM ('IN_AREA', 'OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('PLANNED', 'URGENT', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "EndReason" AS ENUM ('PLANNED_END', 'STEP_DOWN', 'MOVE', 'PROVIDER_NOTICE', 'BREAKDOWN', 'EXIT_FROM_CARE', 'AGE_18', 'OTHER');

-- CreateEnum
CREATE TYPE "PermanencePlan" AS ENUM ('REUNIFICATION', 'SPECIAL_GUARDIANSHIP', 'CHILD_ARRANGEMENTS_ORDER', 'ADOPTION', 'LONG_TERM_FOSTERING', 'STAYING_PUT', 'INDEPENDENCE', 'ADULT_SERVICES');

-- CreateEnum
CREATE TYPE "ExitRoute" AS ENUM ('REUNIFICATION', 'SPECIAL_GUARDIANSHIP_ORDER', 'CHILD_ARRANGEMENTS_ORDER', 'ADOPTION', 'STAYING_PUT_OR_LEAVING_CARE_AT_18', 'TRANSFER_TO_ADULT_SERVICES');

-- CreateEnum
CREATE TYPE "ExitStepKind" AS ENUM ('ASSESSMENT', 'REVOCATION_OF_CARE_ORDER', 'SGO_APPLICATION', 'CAO_APPLICATION', 'SUPPORT_PACKAGE', 'FAMILY_MEETING', 'OTHER');

-- CreateEnum
CREATE TYPE "ReunificationStageName" AS ENUM ('ASSESSMENT', 'PLAN', 'TRIAL_AT_HOME', 'DISCHARGED');

-- CreateEnum
CREATE TYPE "EdgeAlternative" AS ENUM ('FAMILY_GROUP_CONFERENCE', 'EDGE_OF_CARE_SUPPORT', 'FAMILY_NETWORK', 'OTHER');

-- Text columns become their enums in place (USING converts each stored value, and a value outside the
-- enum fails the migration rather than being lost). Indexes on these columns are kept by ALTER TYPE.
-- AlterTable
ALTER TABLE "request"
  ALTER COLUMN "kind" TYPE "RequestKind" USING "kind"::"RequestKind",
  ALTER COLUMN "status" TYPE "RequestStatus" USING "status"::"RequestStatus",
  ALTER COLUMN "legal_status" TYPE "LegalStatus" USING "legal_status"::"LegalStatus",
  ALTER COLUMN "placement_type" TYPE "PlacementType" USING "placement_type"::"PlacementType",
  ALTER COLUMN "provision" TYPE "Provision" USING "provision"::"Provision",
  ALTER COLUMN "location" TYPE "Location" USING "location"::"Location",
  ALTER COLUMN "urgency" TYPE "Urgency" USING "urgency"::"Urgency",
  ALTER COLUMN "placed_type" TYPE "PlacementType" USING "placed_type"::"PlacementType",
  ALTER COLUMN "end_reason" TYPE "EndReason" USING "end_reason"::"EndReason";

-- AlterTable
ALTER TABLE "request_history"
  ALTER COLUMN "from_status" TYPE "RequestStatus" USING "from_status"::"RequestStatus",
  ALTER COLUMN "to_status" TYPE "RequestStatus" USING "to_status"::"RequestStatus";

-- AlterTable
ALTER TABLE "care_plan"
  ALTER COLUMN "permanence_plan" TYPE "PermanencePlan" USING "permanence_plan"::"PermanencePlan",
  ALTER COLUMN "exit_route" TYPE "ExitRoute" USING "exit_route"::"ExitRoute",
  ALTER COLUMN "step_down_to" TYPE "PlacementType" USING "step_down_to"::"PlacementType";

-- AlterTable
ALTER TABLE "exit_step"
  ALTER COLUMN "kind" TYPE "ExitStepKind" USING "kind"::"ExitStepKind";

-- AlterTable
ALTER TABLE "reunification"
  ALTER COLUMN "stage" TYPE "ReunificationStageName" USING "stage"::"ReunificationStageName";

-- AlterTable
ALTER TABLE "reunification_stage"
  ALTER COLUMN "stage" TYPE "ReunificationStageName" USING "stage"::"ReunificationStageName";

-- AlterTable
ALTER TABLE "edge_of_care"
  ALTER COLUMN "alternative" TYPE "EdgeAlternative" USING "alternative"::"EdgeAlternative";

