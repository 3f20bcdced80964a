ALTER TABLE "User" RENAME COLUMN "name" TO "fullName"; -- fires
ALTER TABLE "public"."User" RENAME "email" TO "emailAddress"; -- fires

ALTER TABLE "User" RENAME TO "Account";
ALTER TABLE "User" ADD COLUMN "fullName" TEXT;
ALTER TABLE "User" RENAME CONSTRAINT "User_pkey" TO "Account_pkey";
