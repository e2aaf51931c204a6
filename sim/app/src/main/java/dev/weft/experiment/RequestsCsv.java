package dev.weft.experiment;

import dev.weft.report.CsvStream;
import dev.weft.run.Trace;
import dev.weft.run.TraceEvent;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.WorkloadKind;
import dev.weft.workload.Job;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code metrics/requests.csv} (outputs.requests): one row per inference request submitted
 * after warm-up that completed, as Vidur's request_metrics.csv lists them; written as the run
 * goes, from its completion events. Times in seconds of simulated time; METRICS.md
 * "Per-request metrics".
 */
public final class RequestsCsv extends CsvStream implements Trace {
  /** The header line. */
  public static final String HEADER = "job,workload,class,node,arrival,first_token,completion,"
      + "prompt_tokens,output_tokens,attempts\n";

  private final Scenario scenario;
  private final String[] classOfNode;

  public RequestsCsv(Scenario scenario, Path file) throws IOException {
    super(file, HEADER);
    this.scenario = scenario;
    classOfNode = scenario.classOfNode();
  }

  @Override
  public void record(double time, TraceEvent event, Job job, int node) {
    if (event != TraceEvent.COMPLETED || job == null || !job.counted()
        || scenario.workload().get(job.workload()).kind() != WorkloadKind.INFERENCE) {
      return;
    }
    row(job.id() + "," + scenario.workload().get(job.workload()).name() + ","
        + classOfNode[node] + "," + node + "," + job.submitted() + "," + job.firstToken()
        + "," + time + "," + job.promptTokens() + "," + job.outputTokens() + ","
        + job.attempts());
  }
}
