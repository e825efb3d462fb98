-- A search merges posting lists in memory and reads a term's list again only when it changed: every change
-- to a term's postings raises its version. Documents file their filters as terms too, which no word can be
-- ('#' and the tag; '#org:' and the publisher; '#open' when open to every user), so that tags and the
-- right to read are lists like the words'. A term's list is read from the (term, weight, doc_id) index alone.

ALTER TABLE knowledge_terms ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

INSERT INTO knowledge_postings (term, doc_id, weight) SELECT '#' || tag, doc_id, 0 FROM knowledge_tags;
INSERT INTO knowledge_postings (term, doc_id, weight) SELECT '#org:' || org_id, id, 0 FROM knowledge_documents;
INSERT INTO knowledge_postings (term, doc_id, weight) SELECT '#open', id, 0 FROM knowledge_documents
    WHERE network IS NULL;
INSERT INTO knowledge_terms (term, docs) SELECT term, COUNT(*) FROM knowledge_postings WHERE term LIKE '#%'
    GROUP BY term;
