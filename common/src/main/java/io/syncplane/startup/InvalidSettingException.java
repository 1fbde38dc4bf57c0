package io.syncplane.startup;

/**
 * A setting a person got wrong, with what to do about it; the service stops at start with one line built from this
 * (see {@link StartupFailureAnalyzer}). An {@link IllegalArgumentException}, so callers that validate input may
 * treat it as one.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String setting;
    private final String problem;
    private final String fix;

    /**
     * @param setting the property and, where one maps to it, the environment variable
     * @param problem what is wrong with it
     * @param fix     what to do
     */
    public InvalidSettingException(String setting, String problem, String fix) {
        this(setting, problem, fix, null);
    }

    public InvalidSettingException(String setting, String problem, String fix, Throwable cause) {
        super(setting + ": " + problem + "; " + fix, cause);
        this.setting = setting;
        this.problem = problem;
        this.fix = fix;
    }

    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
