package org.mhcs.serve;

import java.nio.file.Path;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * Checks a JDBC login against the server's {@link PasswordFile}. HiveServer2 creates one per login
 * (no-argument constructor), so the file is re-read each time: users added while the server runs
 * can log in at once.
 */
public final class PasswordFileAuthenticator implements PasswdAuthenticationProvider {
  /** System property holding the password file's path (set by {@link JdbcServer}). */
  static final String FILE_PROPERTY = "mhcs.serve.passwords";

  @Override
  public void Authenticate(String user, String password) throws AuthenticationException {
    String file = System.getProperty(FILE_PROPERTY);
    if (file == null || !PasswordFile.read(Path.of(file)).accepts(user, password)) {
      // The same answer for an unknown user and a wrong password.
      throw new AuthenticationException("wrong user name or password");
    }
  }
}
