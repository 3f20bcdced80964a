ALTER TABLE "Tag" ADD CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"); -- fires
ALTER TABLE "public"."_PostToTag"
  DROP CONSTRAINT "_PostToTag_AB_unique",
  ADD CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B"); -- fires
ALTER TABLE "Job" ADD CONSTRAINT "Job_pkey" PRIMARY KEY ("id") USING INDEX TABLESPACE "fast"; -- fires

ALTER TABLE "Tag" ADD CONSTRAINT "Tag_pkey" PRIMARY KEY USING INDEX "Tag_id_key";
CREATE TABLE "Label" ("id" TEXT NOT NULL);
ALTER TABLE "Label" ADD CONSTRAINT "Label_pkey" PRIMARY KEY ("id");
