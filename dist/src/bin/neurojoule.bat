@echo off
rem Runs the NeuroJoule command-line tool of this unpacked archive on Windows:
rem   neurojoule summary mnist, neurojoule compare A B, neurojoule devices, neurojoule --help.
rem Needs a JDK 17 or later: JAVA_HOME's java, else java on the PATH. JAVA_OPTS is passed to java.
setlocal
set "NEUROJOULE_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" %JAVA_OPTS% -cp "%NEUROJOULE_HOME%\lib\neurojoule.jar" org.neurojoule.cli.Neurojoule %*
exit /b %ERRORLEVEL%
