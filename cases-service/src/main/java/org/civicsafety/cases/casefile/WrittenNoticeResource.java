package org.civicsafety.cases.casefile;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.csv.CsvOpenApiFilter;
import org.civicsafety.cases.notice.NoticeTemplates;
import org.civicsafety.cases.notice.WrittenNotices;
import org.civicsafety.cases.workflow.CaseEntity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A case's written notices (notices.md "Statutory notices are documents"): the list, each as a PDF to the
 * petitioner and staff in scope, and the public check of a verification code printed on one.
 */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class WrittenNoticeResource {

    @Inject Caller caller;
    @Inject CaseService cases;
    @Inject WrittenNotices written;
    @Inject CsvExport csv;

    @GET
    @Path("{id}/written-notices")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listCaseWrittenNotices", summary = "List a case's written notices", description = "The statutory notices of the case as documents, oldest first, all of them (nextCursor "
            + "is always null): receipt, acceptance decision, non-acceptance or referral, extension, answers, "
            + "finality.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The case's written notices")
    public CaseApi.Page<WrittenNotices.Item> list(
            @Parameter(description = "The case's id") @PathParam("id") String id) {
        CaseEntity c = cases.findVisible(CaseResource.parseId(id), caller());
        return new CaseApi.Page<>(written.list(c.id), null);
    }

    /** {@link #list} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/written-notices")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response listCsv(@PathParam("id") String id) {
        return csv.export("written-notices", WrittenNotices.Item.class, cursor -> list(id));
    }

    @GET
    @Path("{id}/written-notices/{noticeId}")
    @Produces("application/pdf")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getCaseWrittenNotice", summary = "Download a written notice (PDF)", description = "A printable A4 PDF in zh-CN (lang=en for English) with the issuing office, date, "
            + "case number and verification URL; the same request always answers the same bytes.")
    @APIResponse(responseCode = "200", description = "The document", headers = {
            @Header(name = "ETag", description = "SHA-256 of the document", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Content-Disposition", description = "inline; filename=\"<case number>-<notice id>.pdf\"", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response pdf(@Parameter(description = "The case's id") @PathParam("id") String id,
            @Parameter(description = "The written notice's id (its notice's uuid)") @PathParam("noticeId") String noticeId,
            @Parameter(description = "The document's language", schema = @Schema(enumeration = {"zh-CN",
                    "en"}, defaultValue = "zh-CN")) @QueryParam("lang") String lang) {
        String language = NoticeTemplates.documentLanguage(lang);
        CaseEntity c = cases.findVisible(CaseResource.parseId(id), caller());
        byte[] pdf = written.pdf(c.id, CaseResource.parseId(noticeId, "no such written notice"), language);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + c.number + "-" + noticeId + ".pdf\"")
                .header("Cache-Control", "private").header("X-Content-Type-Options", "nosniff")
                .tag(WrittenNotices.sha256(pdf)).build();
    }

    /** Printed on every written notice: anyone holding one can check it is genuine. */
    @GET
    @Path("written-notices/verify/{code}")
    @PermitAll
    @Transactional
    @Operation(operationId = "verifyWrittenNotice", summary = "Check a written notice's verification code", description = "No login. Whether the code belongs to a genuine written notice: its type, case number, "
            + "issuing office, issue date and the SHA-256 of its PDF — never personal data.")
    @APIResponse(responseCode = "200", description = "The notice the code belongs to")
    public WrittenNotices.Verification verify(
            @Parameter(description = "The verification code printed on the document (12 characters)") @PathParam("code") String code) {
        return written.verify(code);
    }

    private Access.Who caller() {
        return new Access.Who(caller.sub(), caller.roles(), caller.area(), caller.unit());
    }
}
