package io.gridloop.member;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.account.Accounts;
import io.gridloop.member.MemberViews.Post;
import io.gridloop.region.RegionType;
import io.gridloop.region.Regions;
import io.gridloop.shared.security.Role;

/**
 * Members from a file (the demo's seeds/demo-members.yaml): each account with no open registration is
 * registered, confirmed, with its posts and commitments, as if it had registered and its community's
 * admin had confirmed; one with an open registration is left as it is, so loading again changes nothing.
 */
@ApplicationScoped
public class MemberImport {

    /** One member of a file: the account's username and the community's name. */
    public record ImportedMember(String username, String community, String partyOrganisation, List<ImportedPost> posts,
            List<String> commitments) {
    }

    public record ImportedPost(String title, String duty) {
    }

    /** The file: its members. */
    public record MembersFile(List<ImportedMember> members) {
    }

    private final EntityManager entityManager;
    private final Accounts accounts;
    private final Regions regions;
    private final ObjectMapper json;
    private final Clock clock;

    MemberImport(EntityManager entityManager, Accounts accounts, Regions regions, ObjectMapper json, Clock clock) {
        this.entityManager = entityManager;
        this.accounts = accounts;
        this.regions = regions;
        this.json = json;
        this.clock = clock;
    }

    /** Registers the file's members; an unknown username or community is a mistake in the file. Answers how many were new. */
    @Transactional(TxType.MANDATORY)
    public int imported(long districtId, MembersFile file) {
        int created = 0;
        for (ImportedMember member : file.members()) {
            long account = accounts.idOf(districtId, member.username())
                    .orElseThrow(() -> new IllegalArgumentException("no account " + member.username()));
            Regions.RegionName community = community(districtId, member.community());
            String path = regions.communityPath(districtId, community.id()).orElseThrow();
            int inserted = entityManager.createNativeQuery("""
                    INSERT INTO member_registration (district_id, account_id, community_id, community_path, party_organisation,
                                                     status, posts, commitments, created_at, decided_at)
                    VALUES (:district, :account, :community, :path, :organisation, 'CONFIRMED', CAST(:posts AS jsonb),
                            CAST(:commitments AS jsonb), :now, :now)
                    ON CONFLICT (account_id) WHERE status IN ('PENDING', 'CONFIRMED') DO NOTHING""")
                    .setParameter("district", districtId)
                    .setParameter("account", account)
                    .setParameter("community", community.id())
                    .setParameter("path", path)
                    .setParameter("organisation", member.partyOrganisation())
                    .setParameter("posts", write(member.posts().stream().map(p -> new Post(p.title(), p.duty())).toList()))
                    .setParameter("commitments", write(member.commitments()))
                    .setParameter("now", OffsetDateTime.now(clock))
                    .executeUpdate();
            if (inserted == 1) {
                accounts.bind(account, Role.PARTY_MEMBER, community.id());
                created++;
            }
        }
        return created;
    }

    private Regions.RegionName community(long districtId, String name) {
        return regions.children(districtId, districtId).stream()
                .flatMap(street -> regions.children(districtId, street.id()).stream())
                .filter(c -> c.type() == RegionType.COMMUNITY && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no community " + name));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
