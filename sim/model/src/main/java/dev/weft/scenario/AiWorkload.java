package dev.weft.scenario;

/** A workload of an AI model: its jobs run only where the model fits. */
public sealed interface AiWorkload extends Workload permits InferenceWorkload, TrainingWorkload {
  /** AI model id from models/ai/; null only in a scenario that failed validation. */
  String model();
}
