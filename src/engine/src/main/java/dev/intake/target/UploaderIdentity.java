package dev.intake.target;

import dev.intake.security.Uploader;

/**
 * Who a batch's rows run as, rebuilt from what the upload recorded (user, roles, organisation): in-process, a
 * security identity for the request the rows run in; for an API over HTTP, what tells the target who uploaded.
 *
 * @param <I> the form the target takes the identity in
 */
public interface UploaderIdentity<I> {

    I of(Uploader uploader);
}
