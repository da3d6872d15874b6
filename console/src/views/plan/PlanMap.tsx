export default function PlanMap() {
  return <p>建设中</p>;
}
