package dev.shop.auth.application;

/** The OTP provider did not take the code (unreachable, timed out, refused). Its message is for logs only. */
public class OtpDeliveryException extends RuntimeException {

    public OtpDeliveryException(String message) {
        super(message);
    }

    public OtpDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
