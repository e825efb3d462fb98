-- What a request cited of its case (offences, persons, assets) as it was when sent: the requested side
-- and the formal documents see this, not the case as it is later edited.
ALTER TABLE requests ADD COLUMN sent_cited TEXT;
