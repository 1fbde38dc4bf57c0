package io.syncplane.connector.contacts;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.people.v1.model.Person;
import io.syncplane.store.SyncedItem;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a People person becomes a contact row, from the JSON People sends. */
class PersonMapperTest {

    @Test
    void the_primary_name_and_organisation_and_every_email_and_phone_land_in_typed_columns() throws Exception {
        SyncedItem row = PersonMapper.map(person("""
                {"resourceName":"people/c42","etag":"%E1",
                 "names":[{"displayName":"Ada L","givenName":"Ada","familyName":"L"},
                          {"metadata":{"primary":true},"displayName":"Ada Lovelace","givenName":"Ada",
                           "familyName":"Lovelace"}],
                 "emailAddresses":[{"value":"ada@engines.test"},{"value":""},{"value":"countess@lovelace.test"}],
                 "phoneNumbers":[{"value":"+44 20 7946 0000"}],
                 "organizations":[{"name":"Analytical Engines"}]}"""));

        assertThat(row.key()).containsExactly("people/c42");
        assertThat(row.deleted()).isFalse();
        assertThat(row.columns()).containsEntry("display_name", "Ada Lovelace")
                .containsEntry("given_name", "Ada").containsEntry("family_name", "Lovelace")
                .containsEntry("emails", List.of("ada@engines.test", "countess@lovelace.test"))
                .containsEntry("phone_numbers", List.of("+44 20 7946 0000"))
                .containsEntry("organization", "Analytical Engines");
        assertThat(row.rawJson()).contains("\"resourceName\":\"people/c42\"").contains("Analytical Engines");
    }

    @Test
    void a_person_with_nothing_but_a_name_has_empty_lists_and_null_fields() throws Exception {
        SyncedItem row = PersonMapper.map(person("{\"resourceName\":\"people/c7\"}"));

        assertThat(row.columns()).containsEntry("emails", List.of()).containsEntry("phone_numbers", List.of())
                .containsEntry("display_name", null).containsEntry("organization", null);
    }

    @Test
    void a_deleted_person_becomes_a_tombstone_that_keeps_the_fields_we_had() throws Exception {
        SyncedItem row = PersonMapper.map(person("""
                {"resourceName":"people/c9","etag":"%E2",
                 "metadata":{"deleted":true,"sources":[{"type":"CONTACT"}]}}"""));

        assertThat(row.deleted()).isTrue();
        assertThat(row.key()).containsExactly("people/c9");
        assertThat(row.rawJson()).as("no JSON: the stored fields stay as they were").isNull();
        assertThat(row.columns()).isEmpty();
    }

    @Test
    void a_person_without_a_usable_resource_name_is_malformed_and_named_by_its_etag() {
        assertThatThrownBy(() -> PersonMapper.map(person("{\"etag\":\"%E3\",\"names\":[{\"displayName\":\"X\"}]}")))
                .isInstanceOf(MalformedItemException.class).hasMessage("no resourceName")
                .extracting(e -> ((MalformedItemException) e).itemId()).isEqualTo("etag %E3");
        assertThatThrownBy(() -> PersonMapper.map(person("{\"resourceName\":\"contacts/1\"}")))
                .isInstanceOf(MalformedItemException.class).hasMessage("resourceName is not people/<id>");
        assertThatThrownBy(() -> PersonMapper.map(person("{\"resourceName\":\"people/\"}")))
                .isInstanceOf(MalformedItemException.class);
    }

    @Test
    void a_page_with_one_malformed_person_maps_the_others_and_records_the_one() throws Exception {
        SkippedItems skipped = new SkippedItems(1, "contact");

        List<SyncedItem> rows = PersonMapper.mapAll(List.of(person("{\"resourceName\":\"people/c1\"}"),
                person("{\"etag\":\"%EX\"}"), person("{\"resourceName\":\"people/c3\"}")), skipped);

        assertThat(rows).extracting(row -> row.key().get(0)).containsExactly("people/c1", "people/c3");
        assertThat(skipped.count()).isEqualTo(1);
        assertThat(skipped.warning()).isEqualTo("skipped 1 malformed contact: etag %EX (no resourceName)");
        assertThat(SkippedItems.join("safety valve: ...", skipped.warning())).isEqualTo(
                "safety valve: ...; skipped 1 malformed contact: etag %EX (no resourceName)");
        assertThat(new SkippedItems(1, "contact").warning()).isNull();
    }

    @Test
    void a_person_postgres_cannot_store_is_malformed_and_stands_only_for_its_existence_in_the_page() throws Exception {
        SkippedItems skipped = new SkippedItems(1, "contact");

        List<SyncedItem> rows = PersonMapper.mapAll(List.of(
                person("{\"resourceName\":\"people/c1\",\"names\":[{\"displayName\":\"a\\u0000b\"}]}"),
                person("{\"resourceName\":\"people/c2\"}")), skipped);

        assertThat(rows).containsExactly(SyncedItem.unreadable(List.of("people/c1")), PersonMapper.map(
                person("{\"resourceName\":\"people/c2\"}")));
        assertThat(skipped.warning()).isEqualTo(
                "skipped 1 malformed contact: people/c1 (contains NUL characters, which Postgres cannot store)");
    }

    @Test
    void the_same_person_maps_to_the_same_json_so_an_unchanged_contact_is_not_rewritten() throws Exception {
        String json = "{\"resourceName\":\"people/c5\",\"etag\":\"%E5\",\"names\":[{\"displayName\":\"Bo\"}]}";

        assertThat(PersonMapper.map(person(json)).rawJson()).isEqualTo(PersonMapper.map(person(json)).rawJson());
    }

    private static Person person(String json) throws IOException {
        return GsonFactory.getDefaultInstance().fromString(json, Person.class);
    }
}
