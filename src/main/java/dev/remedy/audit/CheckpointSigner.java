package dev.remedy.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks pruning checkpoints: lower-case hex HMAC-SHA256 over {@code seq + ":" + hash}
 * with the configured key. Someone who can write the database but does not hold the key cannot move
 * the checkpoint to hide events.
 */
public final class CheckpointSigner {

  /** The shortest key accepted: shorter ones are guessable by someone who can read checkpoints. */
  public static final int MIN_KEY_LENGTH = 16;

  private final byte[] key;

  public CheckpointSigner(String key) {
    if (!usable(key)) {
      throw new IllegalArgumentException(
          "a checkpoint key has at least " + MIN_KEY_LENGTH + " characters");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code key} is long enough to sign with. */
  public static boolean usable(String key) {
    return key != null && key.length() >= MIN_KEY_LENGTH;
  }

  /** A signer for {@code key}, or none when it is missing or too short. */
  public static java.util.Optional<CheckpointSigner> of(java.util.Optional<String> key) {
    return key.filter(CheckpointSigner::usable).map(CheckpointSigner::new);
  }

  public String sign(long seq, String hash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((seq + ":" + hash).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  public boolean authentic(Checkpoint checkpoint) {
    return MessageDigest.isEqual(
        sign(checkpoint.seq(), checkpoint.hash()).getBytes(StandardCharsets.US_ASCII),
        checkpoint.signature().getBytes(StandardCharsets.US_ASCII));
  }
}
