package dev.remedy.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Records the messages posted; fails the next posts when told to. */
final class FakeNotifier implements Notifier {

  record Post(IdempotencyKey key, String text, Optional<String> channel) {}

  private final List<Post> posts = new ArrayList<>();
  private final Deque<StepFailure> failures = new ArrayDeque<>();

  /** The next post fails with {@code failure} (nothing is posted). */
  synchronized void failNext(StepFailure failure) {
    failures.add(failure);
  }

  synchronized List<Post> posts() {
    return List.copyOf(posts);
  }

  synchronized List<String> texts() {
    return posts.stream().map(Post::text).toList();
  }

  @Override
  public synchronized String post(IdempotencyKey key, String text, Optional<String> channel) {
    StepFailure failure = failures.poll();
    if (failure != null) {
      throw new StepFailedException(failure);
    }
    posts.add(new Post(key, text, channel));
    return "C0SRE/" + posts.size();
  }
}
