package dev.tributary.controlplane.testing;

/** The demo users of the realm file (control-plane/src/main/keycloak/tributary-realm.json). */
public enum DemoUser {
  PLATFORM_ADMIN("platform-admin"),
  PLATFORM_VIEWER("platform-viewer"),
  PAYMENTS_ADMIN("payments-admin"),
  PAYMENTS_DEVELOPER("payments-developer"),
  PAYMENTS_VIEWER("payments-viewer"),
  LOGISTICS_ADMIN("logistics-admin"),
  LOGISTICS_DEVELOPER("logistics-developer"),
  LOGISTICS_VIEWER("logistics-viewer"),
  /** In the realm, but in no team and without platform roles. */
  OUTSIDER("outsider");

  /** Every demo user's password: the realm is for demos and tests only. */
  public static final String PASSWORD = "demo";

  public final String username;

  DemoUser(String username) {
    this.username = username;
  }

  /** A fresh access token from Keycloak (cached per user for the test run). */
  public String token() {
    return Tokens.accessToken(username, PASSWORD);
  }

  @Override
  public String toString() {
    return username;
  }
}
