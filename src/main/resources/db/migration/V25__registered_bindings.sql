-- A PARTY_MEMBER binding that a confirmed 双报到 registration gave (member.Registrations, through
-- account.Accounts.bind) belongs to the registration, not to the district file: importing the file
-- again keeps it, where before the import removed every binding of a listed account that the file did
-- not list, and with it the member's role in the community they had registered with.
ALTER TABLE role_binding ADD COLUMN registered boolean NOT NULL DEFAULT false;

UPDATE role_binding b SET registered = true
FROM member_registration r
WHERE r.status = 'CONFIRMED' AND r.account_id = b.account_id AND b.role = 'PARTY_MEMBER' AND b.region_id = r.community_id;
