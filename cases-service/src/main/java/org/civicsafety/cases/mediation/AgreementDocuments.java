package org.civicsafety.cases.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.document.DocumentPdf;
import org.civicsafety.cases.notice.NoticeTemplates;

/**
 * The written agreement (调解协议书) of a mediation as a PDF, laid out like the written notices ({@link DocumentPdf}):
 * the parties' own document, so it names them whole — their roles, names, ID numbers, phones and addresses — with the
 * dispute, the terms, each obligation and a signatures block. Everything comes from what the agreement fixed (the
 * agreement time as the document's date, the mediation's id as its file identifier): the same bytes every time.
 */
@ApplicationScoped
public class AgreementDocuments {

    @Inject MediationService service;
    @Inject MediatorRepository mediators;

    public byte[] pdf(MediationEntity m, String lang) {
        Map<UUID, MediationService.PartyData> data = service.parties(m).stream()
                .collect(Collectors.toMap(MediationService.PartyData::id, Function.identity()));
        // in the order the mediation names them, so a renamed directory entry is the only thing that moves
        List<MediatorEntity> named = mediators.byIds(Arrays.asList(m.mediatorIds)).stream()
                .sorted(Comparator.comparing(e -> Arrays.asList(m.mediatorIds).indexOf(e.id))).toList();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("number", m.number);
        args.put("agreedAt", Json.time(m.agreedAt));
        args.put("summary", m.summary);
        args.put("terms", m.terms);
        args.put("committee", named.isEmpty() ? "" : named.getFirst().committee);
        args.put("names", String.join("  ", named.stream().map(e -> e.name).toList()));

        List<String> body = new ArrayList<>();
        body.add(text("agreement.parties", lang, args));
        List<String> signatures = new ArrayList<>();
        for (MediationEntity.Party p : m.parties) {
            MediationService.PartyData d = data.get(p.id());
            Map<String, String> party = new LinkedHashMap<>();
            party.put("role", p.role().name());
            party.put("name", d.name());
            party.put("idNumber", d.idNumber());
            party.put("phone", d.phone());
            party.put("address", d.address());
            body.add(text("agreement.party", lang, party));
            signatures.add(text("agreement.signature.party", lang, party));
        }
        body.add(text("agreement.dispute", lang, args));
        body.add(text("agreement.terms", lang, args));
        for (int i = 0; i < m.obligations.size(); i++) {
            MediationEntity.Obligation o = m.obligations.get(i);
            Map<String, String> obligation = new LinkedHashMap<>();
            obligation.put("index", String.valueOf(i + 1));
            obligation.put("name", data.get(o.partyId()).name());
            // a date as the bundle shows dates (format.date)
            obligation.put("dueDate", o.dueDate() + "T00:00:00+08:00");
            obligation.put("content", o.content());
            body.add(text("agreement.obligation", lang, obligation));
        }
        body.add(text("agreement.effect", lang, args));
        signatures.add(text("agreement.signature.mediators", lang, args));
        signatures.add(text("agreement.signature.seal", lang, args));
        signatures.add(text("agreement.signed", lang, args));
        String heading = text("agreement.heading", lang, args);
        return DocumentPdf.render(new DocumentPdf.Content(heading + " " + m.number, args.get("committee"), heading,
                List.of(text("agreement.number", lang, args), text("agreement.date", lang, args)), body, signatures),
                m.id, m.agreedAt.toInstant());
    }

    private static String text(String key, String lang, Map<String, String> args) {
        return NoticeTemplates.text(key, lang, args);
    }
}
