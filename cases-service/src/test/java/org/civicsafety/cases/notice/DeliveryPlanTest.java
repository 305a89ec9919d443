package org.civicsafety.cases.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.civicsafety.cases.notice.DeliveryPlan.Planned;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {

    static final String MOBILE = "13912341234";
    static final String EMAIL = "li@example.org";

    static NoticeRequest.Contact contact(String mobile, String email, Set<Channel> chosen, boolean confidential) {
        return new NoticeRequest.Contact(mobile, email, chosen, confidential);
    }

    @Test
    void theRegistrationsChoiceWithAddresses() {
        assertEquals(List.of(new Planned(Channel.SMS, MOBILE), new Planned(Channel.EMAIL, EMAIL)),
                DeliveryPlan.plan(NoticeType.CASE_RETRIAGED,
                        contact(MOBILE, EMAIL, EnumSet.of(Channel.SMS, Channel.EMAIL), false), Optional.empty()));
        assertEquals(List.of(new Planned(Channel.EMAIL, EMAIL)), DeliveryPlan.plan(NoticeType.CASE_RETRIAGED,
                contact(MOBILE, EMAIL, EnumSet.of(Channel.EMAIL), false), Optional.empty()));
    }

    @Test
    void statutoryNoticesAlsoReachAGivenMobile() {
        assertEquals(List.of(new Planned(Channel.SMS, MOBILE), new Planned(Channel.EMAIL, EMAIL)),
                DeliveryPlan.plan(NoticeType.CASE_ACCEPTED, contact(MOBILE, EMAIL, EnumSet.of(Channel.EMAIL), false),
                        Optional.empty()));
        Preference optedOut = new Preference(false, false, "zh-CN", null, null);
        assertEquals(List.of(new Planned(Channel.SMS, MOBILE)), DeliveryPlan.plan(NoticeType.CASE_ANSWERED,
                contact(MOBILE, EMAIL, EnumSet.of(Channel.EMAIL), false), Optional.of(optedOut)));
        assertEquals(List.of(), DeliveryPlan.plan(NoticeType.CASE_RETRIAGED,
                contact(MOBILE, EMAIL, EnumSet.of(Channel.EMAIL), false), Optional.of(optedOut)));
    }

    @Test
    void aStatutoryNoticeWithoutTheAddressOfAChosenChannelIsSuppressed() {
        assertEquals(List.of(new Planned(Channel.EMAIL, null)), DeliveryPlan.plan(NoticeType.CASE_ANSWERED,
                contact(null, null, EnumSet.of(Channel.EMAIL), false), Optional.empty()));
        assertEquals(List.of(), DeliveryPlan.plan(NoticeType.CASE_RETRIAGED,
                contact(null, null, EnumSet.of(Channel.EMAIL), false), Optional.empty()));
    }

    @Test
    void preferencesChooseChannelsAndAddresses() {
        Preference emailOnly = new Preference(false, true, "en", "own@example.org", "13800000000");
        assertEquals(List.of(new Planned(Channel.SMS, "13800000000"), new Planned(Channel.EMAIL, "own@example.org")),
                DeliveryPlan.plan(NoticeType.CASE_REGISTERED, contact(MOBILE, null, EnumSet.of(Channel.SMS), false),
                        Optional.of(emailOnly)));
        assertEquals(List.of(new Planned(Channel.EMAIL, "own@example.org")), DeliveryPlan.plan(
                NoticeType.CASE_RETRIAGED, contact(MOBILE, null, EnumSet.of(Channel.SMS), false),
                Optional.of(emailOnly)));
    }

    @Test
    void aConfidentialReporterIsToldOnlyThroughChannelsChosenForTheCase() {
        assertEquals(List.of(), DeliveryPlan.plan(NoticeType.CASE_ANSWERED,
                contact(MOBILE, EMAIL, EnumSet.noneOf(Channel.class), true), Optional.empty()));
        assertEquals(List.of(new Planned(Channel.EMAIL, EMAIL)), DeliveryPlan.plan(NoticeType.CASE_ANSWERED,
                contact(MOBILE, EMAIL, EnumSet.of(Channel.EMAIL), true),
                Optional.of(new Preference(true, true, "zh-CN", null, null))));
        assertEquals(List.of(), DeliveryPlan.plan(NoticeType.CASE_ANSWERED,
                contact(MOBILE, EMAIL, EnumSet.of(Channel.EMAIL), true),
                Optional.of(new Preference(true, false, "zh-CN", null, null))));
    }

    @Test
    void unitsAndSupervisorsHaveOnlyTheInbox() {
        assertEquals(List.of(), DeliveryPlan.plan(NoticeType.UNIT_DUE_SOON, null, Optional.empty()));
    }
}
