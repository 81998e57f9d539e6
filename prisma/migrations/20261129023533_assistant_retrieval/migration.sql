-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "searchVector" tsvector;

-- AlterTable
ALTER TABLE "LibraryStep" ADD COLUMN     "searchVector" tsvector;

-- CreateIndex
CREATE INDEX "Flow_searchVector_idx" ON "Flow" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "LibraryStep_searchVector_idx" ON "LibraryStep" USING GIN ("searchVector");

-- Hand-written: the tsvectors are kept by triggers (Prisma cannot express generated columns or
-- triggers; the drift test compares columns and indexes, which match schema.prisma).
-- Weight A: the title; weight B: the body. lib/ai/retrieve.ts ranks with ts_rank over them.
CREATE FUNCTION "Flow_searchVector_fn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" := setweight(to_tsvector('english', coalesce(NEW."name", '')), 'A')
                     || setweight(to_tsvector('english', coalesce(NEW."description", '')), 'B');
  RETURN NEW;
END $$;

CREATE TRIGGER "Flow_searchVector_trg" BEFORE INSERT OR UPDATE OF "name", "description" ON "Flow"
  FOR EACH ROW EXECUTE FUNCTION "Flow_searchVector_fn"();

CREATE FUNCTION "LibraryStep_searchVector_fn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" := setweight(to_tsvector('english', coalesce(NEW."title", '')), 'A')
                     || setweight(to_tsvector('english', coalesce(NEW."searchText", '')), 'B');
  RETURN NEW;
END $$;

CREATE TRIGGER "LibraryStep_searchVector_trg" BEFORE INSERT OR UPDATE OF "title", "searchText" ON "LibraryStep"
  FOR EACH ROW EXECUTE FUNCTION "LibraryStep_searchVector_fn"();

-- Backfill existing rows.
UPDATE "Flow" SET "searchVector" = setweight(to_tsvector('english', coalesce("name", '')), 'A')
                                || setweight(to_tsvector('english', coalesce("description", '')), 'B');
UPDATE "LibraryStep" SET "searchVector" = setweight(to_tsvector('english', coalesce("title", '')), 'A')
                                       || setweight(to_tsvector('english', coalesce("searchText", '')), 'B');
