DROP TYPE "Role"; -- fires
DROP TYPE IF EXISTS "public"."Status" CASCADE; -- fires

CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
