-- Notification has no aggregate and no event processor: it no longer runs on Axon (platform/axon-postgres), whose
-- tables (platform/axon-postgres db/axon, V0_1 and V0_2) were created here empty by earlier versions. Dropped where
-- they exist; BIGSERIAL sequences go with their tables.
DROP TABLE IF EXISTS domainevententry, snapshotevententry, tokenentry, sagaentry, associationvalueentry,
    deadletterentry, processor_instance, processor_pause;
