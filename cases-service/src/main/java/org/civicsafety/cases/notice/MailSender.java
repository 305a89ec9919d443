package org.civicsafety.cases.notice;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one e-mail through the Quarkus mailer and waits for the SMTP server's answer, always from one Vert.x event-loop
 * context of its own. Called from a plain thread, the Vert.x mail client (4.5) opens the connection on one event loop
 * and sets its reader on another; a server greeting that arrives in between is dropped, and the send then hangs until
 * the server gives up (GreenMail: 421 after 30 s, about one new connection in a hundred). On one context both happen on
 * one thread, in order.
 */
@ApplicationScoped
public class MailSender {

    /** Why a mail was not accepted: the SMTP reply code when the server gave one, and a text without the server's words. */
    public static final class MailFailure extends Exception {
        private final Integer replyCode;

        MailFailure(Integer replyCode, String reason) {
            super(reason);
            this.replyCode = replyCode;
        }

        public Integer replyCode() {
            return replyCode;
        }
    }

    @Inject ReactiveMailer mailer;
    @Inject Vertx vertx;
    /** The mailer's own bound on a send (what its blocking API would wait); a stalled server is tried again later. */
    @ConfigProperty(name = "quarkus.mailer.timeout") Duration timeout;

    private Context context;

    /** Sends {@code mail}; returns when the server has accepted it (250). */
    public void send(Mail mail) throws MailFailure, InterruptedException {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        context().runOnContext(v -> mailer.send(mail).subscribe().with(accepted::complete,
                accepted::completeExceptionally));
        try {
            accepted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MailFailure(null, "SMTP: no answer in " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            // the reply code and the exception's class, not its message: the server's text can quote the address
            Throwable cause = e.getCause();
            Integer code = cause instanceof SMTPException smtp ? smtp.getReplyCode() : null;
            throw new MailFailure(code, "SMTP" + (code == null ? "" : " " + code) + ": " + cause.getClass()
                    .getSimpleName());
        }
    }

    /** Created on the first send, from a relay thread (not a Vert.x thread), so it is a new event-loop context. */
    private synchronized Context context() {
        if (context == null) {
            context = vertx.getOrCreateContext();
        }
        return context;
    }
}
